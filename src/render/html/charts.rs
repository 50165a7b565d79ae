//! The overview's charts as inline SVG: horizontal bars, each with its count written beside it
//! and a `<title>`, series told apart by pattern (hatched, solid) as well as by shade, so that
//! they read in greyscale and on paper.

use std::fmt::Write;

use super::escape;

/// Width of the row labels, of the longest bar, and of the room for the count after it.
const LABEL: u32 = 120;
const BAR: u32 = 380;
const COUNT: u32 = 70;
const ROW: u32 = 16;
const GAP: u32 = 8;

/// A bar chart: `rows` of (label, one count per series); `series` names the series (the legend).
/// `id` keeps the chart's pattern names apart from other charts'.
pub fn bars(id: &str, title: &str, series: &[&str], rows: &[(String, Vec<u64>)]) -> String {
    let max = rows
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let n = series.len().max(1) as u32;
    let legend = if series.len() > 1 { ROW + GAP } else { 0 };
    let group = n * ROW + GAP;
    let height = legend + rows.len() as u32 * group + GAP;
    let width = LABEL + BAR + COUNT;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-t\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\"><title id=\"{id}-t\">"
    );
    escape::push(&mut s, title);
    let _ = write!(
        s,
        "</title><defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"3\" height=\"6\" fill=\"#555\"/></pattern></defs>"
    );
    let fill = |i: usize| {
        if i == 0 && series.len() > 1 {
            format!("url(#{id}-hatch)")
        } else {
            "#333".to_string()
        }
    };
    if series.len() > 1 {
        let mut x = LABEL;
        for (i, name) in series.iter().enumerate() {
            let _ = write!(
                s,
                "<rect x=\"{x}\" y=\"2\" width=\"{ROW}\" height=\"{}\" fill=\"{}\" stroke=\"#333\"/><text x=\"{}\" y=\"{}\">",
                ROW - 4,
                fill(i),
                x + ROW + 4,
                ROW - 3
            );
            escape::push(&mut s, name);
            s.push_str("</text>");
            x += ROW + 12 + 14 * name.chars().count() as u32;
        }
    }
    for (r, (label, counts)) in rows.iter().enumerate() {
        let y0 = legend + r as u32 * group;
        let _ = write!(
            s,
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">",
            LABEL - 8,
            y0 + n * ROW / 2 + 5
        );
        escape::push(&mut s, label);
        s.push_str("</text>");
        for (i, &c) in counts.iter().enumerate() {
            let y = y0 + i as u32 * ROW;
            let w = (u128::from(c) * u128::from(BAR) / u128::from(max)) as u32;
            let _ = write!(
                s,
                "<rect x=\"{LABEL}\" y=\"{y}\" width=\"{w}\" height=\"{}\" fill=\"{}\" stroke=\"#333\"><title>",
                ROW - 3,
                fill(i)
            );
            escape::push(&mut s, label);
            if let Some(name) = series.get(i).filter(|_| series.len() > 1) {
                s.push_str(" · ");
                escape::push(&mut s, name);
            }
            let _ = write!(
                s,
                ": {c}</title></rect><text class=\"count\" x=\"{}\" y=\"{}\">{c}</text>",
                LABEL + w + 4,
                y + ROW - 4
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_labelled_scaled_and_titled() {
        let svg = bars(
            "g",
            "等级 <x>",
            &["自评", "复核"],
            &[("优".into(), vec![4, 2]), ("良".into(), vec![0, 1])],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title id=\"g-t\">等级 &lt;x&gt;</title>"));
        assert!(
            svg.contains(&format!("width=\"{BAR}\"")),
            "the largest bar is full"
        );
        assert!(svg.contains(&format!("width=\"{}\"", BAR / 2)));
        assert!(svg.contains("<title>优 · 自评: 4</title>"));
        assert!(svg.contains("url(#g-hatch)"));
        assert!(svg.contains(">1</text>"));
    }
}
