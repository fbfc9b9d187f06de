//! Slims the embedded TrueType fonts once, before printpdf subsets them, so that a report stays
//! small: the subsetter copies the `name` table (15 KB of licence text in DejaVu) and the
//! hinting programs into every PDF. We keep the names that identify the font (copyright,
//! family, style, full and PostScript name), drop the hinting (PDF viewers ignore or replace it)
//! and the shaping tables printpdf does not use. Glyph outlines and metrics stay untouched.
//!
//! Anything unexpected in the file makes [`slim`] return `None`; the caller then embeds the
//! font as it is.

/// Tables printpdf's text path and the subsetter never need.
const DROP: [&[u8; 4]; 12] = [
    b"GPOS", b"GSUB", b"GDEF", b"kern", b"MATH", b"FFTM", b"fpgm", b"prep", b"cvt ", b"hdmx",
    b"LTSH", b"VDMX",
];
/// Name records kept: copyright, family, subfamily, unique id, full name, version, PostScript.
const KEEP_NAMES: std::ops::RangeInclusive<u16> = 0..=6;

pub fn slim(font: &[u8]) -> Option<Vec<u8>> {
    let tables = directory(font)?;
    let get = |tag: &[u8; 4]| tables.iter().find(|(t, _)| t == tag).map(|(_, d)| *d);
    let head = get(b"head")?;
    let maxp = get(b"maxp")?;
    let (glyf, loca) = dehint(get(b"glyf")?, get(b"loca")?, head, maxp)?;
    let mut head = head.to_vec();
    // Long loca offsets from now on; the checksum adjustment is filled in at the end.
    head.get_mut(50..52)?.copy_from_slice(&1u16.to_be_bytes());
    head.get_mut(8..12)?.copy_from_slice(&[0; 4]);

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for (tag, data) in &tables {
        if DROP.contains(&tag) {
            continue;
        }
        let data = match tag {
            b"glyf" => glyf.clone(),
            b"loca" => loca.clone(),
            b"head" => head.clone(),
            b"name" => slim_names(data).unwrap_or_else(|| data.to_vec()),
            // Version 3: no glyph names, which only PostScript printers ever wanted.
            b"post" if data.len() >= 32 => {
                let mut post = data[..32].to_vec();
                post[..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
                post
            }
            _ => data.to_vec(),
        };
        out_tables.push((*tag, data));
    }
    out_tables.sort_by_key(|a| a.0);
    write(font.get(0..4)?, &out_tables)
}

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(d.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(d.get(at..at + 4)?.try_into().ok()?))
}

fn directory(font: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    let count = usize::from(u16_at(font, 4)?);
    let mut tables = Vec::with_capacity(count);
    for i in 0..count {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let offset = usize::try_from(u32_at(font, rec + 8)?).ok()?;
        let len = usize::try_from(u32_at(font, rec + 12)?).ok()?;
        tables.push((tag, font.get(offset..offset.checked_add(len)?)?));
    }
    Some(tables)
}

/// Removes the instructions from every glyph; returns the new `glyf` and a long `loca`.
fn dehint(glyf: &[u8], loca: &[u8], head: &[u8], maxp: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let glyphs = usize::from(u16_at(maxp, 4)?);
    let long = u16_at(head, 50)? == 1;
    let offset = |i: usize| -> Option<usize> {
        if long {
            usize::try_from(u32_at(loca, 4 * i)?).ok()
        } else {
            Some(usize::from(u16_at(loca, 2 * i)?) * 2)
        }
    };
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(4 * (glyphs + 1));
    for i in 0..glyphs {
        new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
        let (start, end) = (offset(i)?, offset(i + 1)?);
        if end > start {
            let glyph = glyf.get(start..end)?;
            strip_glyph(glyph, &mut new_glyf)?;
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
    Some((new_glyf, new_loca))
}

fn strip_glyph(glyph: &[u8], out: &mut Vec<u8>) -> Option<()> {
    let contours = i16::from_be_bytes(glyph.get(0..2)?.try_into().ok()?);
    if contours >= 0 {
        // Header, end points, then the instruction length and the instructions to skip.
        let at = 10 + 2 * usize::try_from(contours).ok()?;
        let len = usize::from(u16_at(glyph, at)?);
        out.extend_from_slice(glyph.get(..at)?);
        out.extend_from_slice(&[0, 0]);
        out.extend_from_slice(glyph.get(at + 2 + len..)?);
        return Some(());
    }
    const ARGS_ARE_WORDS: u16 = 0x0001;
    const HAVE_SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const XY_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    const INSTRUCTIONS: u16 = 0x0100;
    out.extend_from_slice(glyph.get(..10)?);
    let mut at = 10;
    loop {
        let flags = u16_at(glyph, at)?;
        let mut len = 4 + if flags & ARGS_ARE_WORDS != 0 { 4 } else { 2 };
        if flags & HAVE_SCALE != 0 {
            len += 2;
        } else if flags & XY_SCALE != 0 {
            len += 4;
        } else if flags & TWO_BY_TWO != 0 {
            len += 8;
        }
        let flag_at = out.len();
        out.extend_from_slice(glyph.get(at..at + len)?);
        let cleared = flags & !INSTRUCTIONS;
        out.get_mut(flag_at..flag_at + 2)?
            .copy_from_slice(&cleared.to_be_bytes());
        at += len;
        if flags & MORE == 0 {
            break;
        }
    }
    Some(())
}

/// The `name` table with only the identifying records.
fn slim_names(name: &[u8]) -> Option<Vec<u8>> {
    if u16_at(name, 0)? != 0 {
        return None;
    }
    let count = usize::from(u16_at(name, 2)?);
    let storage = usize::from(u16_at(name, 4)?);
    let mut records = Vec::new();
    let mut strings = Vec::new();
    for i in 0..count {
        let rec = 6 + 12 * i;
        let name_id = u16_at(name, rec + 6)?;
        if !KEEP_NAMES.contains(&name_id) {
            continue;
        }
        let len = usize::from(u16_at(name, rec + 8)?);
        let off = usize::from(u16_at(name, rec + 10)?);
        let bytes = name.get(storage + off..storage + off + len)?;
        records.extend_from_slice(name.get(rec..rec + 8)?);
        records.extend_from_slice(&u16::try_from(len).ok()?.to_be_bytes());
        records.extend_from_slice(&u16::try_from(strings.len()).ok()?.to_be_bytes());
        strings.extend_from_slice(bytes);
    }
    let kept = records.len() / 12;
    let mut out = Vec::with_capacity(6 + records.len() + strings.len());
    out.extend_from_slice(&0u16.to_be_bytes());
    out.extend_from_slice(&u16::try_from(kept).ok()?.to_be_bytes());
    out.extend_from_slice(&u16::try_from(6 + records.len()).ok()?.to_be_bytes());
    out.extend_from_slice(&records);
    out.extend_from_slice(&strings);
    Some(out)
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

fn write(version: &[u8], tables: &[([u8; 4], Vec<u8>)]) -> Option<Vec<u8>> {
    // The sfnt header's binary-search fields; a font has a few dozen tables at most.
    let count = u16::try_from(tables.len())
        .ok()
        .filter(|&c| c > 0 && c < 4096)?;
    let log = 15 - count.leading_zeros() as u16;
    let range = (1u16 << log) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(version);
    for v in [count, range, log, count * 16 - range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut head_at = None;
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).ok()?.to_be_bytes());
        if tag == b"head" {
            head_at = Some(offset);
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    let at = head_at? + 8;
    out.get_mut(at..at + 4)?
        .copy_from_slice(&adjust.to_be_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slimmed_dejavu_keeps_glyphs_and_metrics() {
        let original = include_bytes!("../../assets/DejaVuSans.ttf");
        let slim = slim(original).unwrap();
        assert!(slim.len() < original.len() * 4 / 5, "{}", slim.len());
        let mut w = Vec::new();
        let a = printpdf::ParsedFont::from_bytes(original, 0, &mut w).unwrap();
        let b = printpdf::ParsedFont::from_bytes(&slim, 0, &mut w).unwrap();
        assert_eq!(a.num_glyphs, b.num_glyphs);
        for c in "Aä€ßЖΩğł😀".chars() {
            let g = a.lookup_glyph_index(u32::from(c));
            assert_eq!(g, b.lookup_glyph_index(u32::from(c)));
            let g = g.unwrap();
            assert_eq!(a.get_horizontal_advance(g), b.get_horizontal_advance(g));
            let (ga, gb) = (a.get_or_decode_glyph(g), b.get_or_decode_glyph(g));
            let shape = |g: Option<std::sync::Arc<printpdf::OwnedGlyph>>| {
                g.map(|g| format!("{:?} {:?}", g.bounding_box, g.raw_points))
            };
            assert_eq!(shape(ga), shape(gb), "{c}");
        }
        let names = slim_names(
            directory(&slim)
                .unwrap()
                .iter()
                .find(|t| &t.0 == b"name")
                .unwrap()
                .1,
        );
        assert!(names.is_some());
    }

    #[test]
    fn garbage_is_refused_not_a_panic() {
        assert!(slim(b"").is_none());
        assert!(slim(&[0, 1, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0]).is_none());
        let original = include_bytes!("../../assets/DejaVuSans-Bold.ttf");
        for cut in [13, 100, 1000, 100_000] {
            let _ = slim(&original[..cut]);
        }
    }
}
