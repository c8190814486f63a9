//! Date parsing: typed dates, date lines and title years, on any text.
#![no_main]

use dvk::recognize::values::{find_date_line, find_title_year, parse_date_text};
use dvk::sheet::format_date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(date) = parse_date_text(&text) {
        // Whatever was read is a real day that formats and reads back.
        assert_eq!(parse_date_text(&format_date(date)), Ok(date));
    }
    if let Some(line) = find_date_line(&text) {
        assert_eq!(parse_date_text(&format_date(line.date)), Ok(line.date));
    }
    if let Some(year) = find_title_year(&text) {
        assert!((1990..=2100).contains(&year));
    }
});
