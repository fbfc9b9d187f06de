//! The README's example lead file must stay a valid lead file.

#[test]
fn readme_example_lead_parses() {
    let readme = include_str!("../../README.md");
    let start = readme.find("```ron\n").expect("README has a ```ron block") + "```ron\n".len();
    let len = readme[start..].find("```").unwrap();
    let lead = leadq::store::lead_from_ron(&readme.as_bytes()[start..start + len]).unwrap();
    assert_eq!(lead.company, "Max Mustermann GmbH");
    assert_eq!(lead.assessment.answer("time"), "months_6_12");
}
