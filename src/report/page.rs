//! What every page of the report shares: the head (title, the stylesheet, the script) and the
//! foot, and the two files they load.

use super::escape::push_text;

/// The report's stylesheet, written as `report.css`.
pub const CSS: &str = include_str!("assets/report.css");

/// The report's script (sorting the corpus table; on hover, the speaker of a quote), written
/// as `report.js`. The pages read fully without it.
pub const JS: &str = include_str!("assets/report.js");

/// Opens a page titled `title` whose stylesheet and script are at `up` (`""` or `"../"`).
pub fn head(out: &mut String, title: &str, up: &str) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"und\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"tandai\">\n<title>");
    push_text(out, title);
    out.push_str("</title>\n<link rel=\"stylesheet\" href=\"");
    out.push_str(up);
    out.push_str("report.css\">\n<script defer src=\"");
    out.push_str(up);
    out.push_str("report.js\"></script>\n</head>\n<body>\n");
}

/// Closes a page.
pub fn foot(out: &mut String) {
    out.push_str("<footer><p>Written by tandai report. Static: no server, no network.</p></footer>\n</body>\n</html>\n");
}
