//! The industries the team's leads name, most used first: the suggestions of the form's
//! industry field. Counted as leads come, change and go, so an edit to one lead among 100,000
//! does not count them all again; sorted again only when a count changed.

use std::collections::HashMap;

#[derive(Default)]
pub struct Industries {
    counts: HashMap<String, usize>,
    sorted: Vec<String>,
    dirty: bool,
}

impl Industries {
    /// A lead with this industry came (or came back).
    pub fn add(&mut self, industry: &str) {
        let industry = industry.trim();
        if industry.is_empty() {
            return;
        }
        match self.counts.get_mut(industry) {
            Some(n) => *n += 1,
            None => {
                self.counts.insert(industry.to_owned(), 1);
            }
        }
        self.dirty = true;
    }

    /// A lead with this industry went (or changed its industry).
    pub fn remove(&mut self, industry: &str) {
        let industry = industry.trim();
        if let Some(n) = self.counts.get_mut(industry) {
            *n -= 1;
            if *n == 0 {
                self.counts.remove(industry);
            }
            self.dirty = true;
        }
    }

    /// A lead's industry changed from `before` to `after`.
    pub fn change(&mut self, before: &str, after: &str) {
        if before.trim() != after.trim() {
            self.remove(before);
            self.add(after);
        }
    }

    /// Sorts again after changes: most used first, then by name.
    pub fn refresh(&mut self) {
        if !std::mem::take(&mut self.dirty) {
            return;
        }
        let mut list: Vec<(&String, &usize)> = self.counts.iter().collect();
        list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        self.sorted = list.into_iter().map(|(s, _)| s.clone()).collect();
    }

    /// The industries as of the last [`Industries::refresh`].
    pub fn sorted(&self) -> &[String] {
        &self.sorted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_leads_coming_changing_and_going() {
        let mut i = Industries::default();
        for industry in [
            "Maschinenbau",
            " Handel ",
            "Handel",
            "",
            "Software",
            "Handel",
        ] {
            i.add(industry);
        }
        i.refresh();
        assert_eq!(i.sorted(), ["Handel", "Maschinenbau", "Software"]);
        i.change("Handel", "Software");
        i.change("Handel", "Software");
        i.remove("Maschinenbau");
        i.remove("never counted");
        i.refresh();
        assert_eq!(i.sorted(), ["Software", "Handel"]);
        i.change("Handel", "  ");
        i.refresh();
        assert_eq!(i.sorted(), ["Software"]);
    }
}
