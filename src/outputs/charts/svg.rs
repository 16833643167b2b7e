//! SVG post-processing. plotters writes each text line as a `<text>` element; this pass puts the
//! text where the bitmap output puts it (plotters sizes SVG text for its TrueType backend, which is
//! 10% smaller and differently anchored than the ab_glyph glyphs in PNGs), names the bundled face
//! first in `font-family`, and wraps every shortened label in `<g><title>full text</title>…</g>`
//! so the full text is one hover away and stays searchable.

use super::FONT_FAMILY;

/// SVG font-size per plotters size unit: ab_glyph scales ascent − descent (1.121 em for Ubuntu)
/// to the size, plotters writes `size / 1.24`.
const FONT_SIZE_FIX: f64 = 1.24 / 1.121;
/// The bitmap backend puts the baseline half a size below the top; in ems of the fixed size.
const TOP_BASELINE_DY: &str = "0.5605em";

/// A `<text>…</text>` element's byte span and its (escaped) content.
struct TextSpan {
    start: usize,
    end: usize,
    content_start: usize,
    content_end: usize,
}

/// Rewrite plotters' SVG: fix text placement and add `<title>`s for the `shortened` labels,
/// given as (lines drawn, full text) in drawing order.
pub(crate) fn finish(svg: String, shortened: &[(Vec<String>, String)]) -> String {
    let spans = text_spans(&svg);
    // Which spans start and end a shortened label's group.
    let mut opens: Vec<Option<&str>> = vec![None; spans.len()];
    let mut closes = vec![false; spans.len()];
    let mut cursor = 0;
    for (lines, full) in shortened {
        if lines.is_empty() {
            continue;
        }
        let wanted: Vec<String> = lines.iter().map(|l| escape(l)).collect();
        let found = (cursor..spans.len()).find(|&i| {
            i + wanted.len() <= spans.len()
                && wanted.iter().enumerate().all(|(k, w)| {
                    let s = &spans[i + k];
                    svg[s.content_start..s.content_end].trim() == w
                })
        });
        if let Some(i) = found {
            opens[i] = Some(full.as_str());
            closes[i + wanted.len() - 1] = true;
            cursor = i + wanted.len();
        }
    }

    let family = format!("font-family=\"{FONT_FAMILY}\"");
    let mut out = String::with_capacity(svg.len() + svg.len() / 8);
    let mut last = 0;
    for (i, span) in spans.iter().enumerate() {
        out.push_str(&svg[last..span.start]);
        if let Some(full) = opens[i] {
            out.push_str("<g><title>");
            out.push_str(&escape(full));
            out.push_str("</title>");
        }
        out.push_str(&fix_text_tag(&svg[span.start..span.content_start], &family));
        out.push_str(&svg[span.content_start..span.end]);
        if closes[i] {
            out.push_str("</g>");
        }
        last = span.end;
    }
    out.push_str(&svg[last..]);
    out
}

fn text_spans(svg: &str) -> Vec<TextSpan> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(offset) = svg[from..].find("<text ") {
        let start = from + offset;
        let Some(tag_len) = svg[start..].find('>') else {
            break;
        };
        let content_start = start + tag_len + 1;
        let Some(close) = svg[content_start..].find("</text>") else {
            break;
        };
        let content_end = content_start + close;
        let end = content_end + "</text>".len();
        spans.push(TextSpan {
            start,
            end,
            content_start,
            content_end,
        });
        from = end;
    }
    spans
}

/// Fix one `<text …>` opening tag: size, vertical anchor and font family.
fn fix_text_tag(tag: &str, family: &str) -> String {
    let mut tag = tag.replace("dy=\"0.76em\"", &format!("dy=\"{TOP_BASELINE_DY}\""));
    if let Some(pos) = tag.find("font-size=\"") {
        let value_start = pos + "font-size=\"".len();
        if let Some(len) = tag[value_start..].find('"')
            && let Ok(size) = tag[value_start..value_start + len].parse::<f64>()
        {
            let fixed = format!("{:.2}", size * FONT_SIZE_FIX);
            tag.replace_range(value_start..value_start + len, &fixed);
        }
    }
    // Name the face the layout was measured with first, then close relatives.
    tag.replace(
        family,
        "font-family=\"Ubuntu, 'Segoe UI', 'Helvetica Neue', Arial, sans-serif\" font-weight=\"300\"",
    )
}

/// Escape text the way plotters does, so drawn lines can be found again.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "<svg>\n<text x=\"1\" y=\"2\" dy=\"0.76em\" text-anchor=\"start\" \
        font-family=\"sans-serif\" font-size=\"12.4\" fill=\"#000\">\nA &amp; B…</text>\n\
        <text x=\"1\" y=\"9\" dy=\"0.76em\" font-family=\"sans-serif\" font-size=\"12.4\">\nC</text>\n</svg>\n";

    #[test]
    fn shortened_label_gets_a_title_and_text_is_fixed() {
        let shortened = vec![(vec!["A & B…".to_string()], "A & B & more".to_string())];
        let out = finish(SAMPLE.to_string(), &shortened);
        assert!(
            out.contains("<g><title>A &amp; B &amp; more</title><text"),
            "{out}"
        );
        assert!(out.contains("B…</text></g>"), "{out}");
        assert!(out.contains("font-size=\"13.72\""), "{out}");
        assert!(out.contains("dy=\"0.5605em\""), "{out}");
        assert!(!out.contains("dy=\"0.76em\""));
        assert_eq!(out.matches("<g>").count(), 1);
    }

    #[test]
    fn multi_line_label_is_wrapped_as_one_group() {
        let svg = SAMPLE.replace("A &amp; B…", "A");
        let shortened = vec![(vec!["A".to_string(), "C".to_string()], "A C D".to_string())];
        let out = finish(svg, &shortened);
        let g = out.find("<g>").unwrap();
        let close = out.find("</g>").unwrap();
        assert!(out[g..close].contains(">\nA</text>") && out[g..close].contains(">\nC"));
    }
}
