//! Header matching: any header text names at most one field, the same whatever its case.
#![no_main]

use dvk::recognize::forms::match_header;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let field = match_header(&text);
    let spaced = format!("  {text}\n");
    assert_eq!(
        match_header(&spaced),
        field,
        "white space around does not matter"
    );
    if text.is_ascii() {
        assert_eq!(
            match_header(&text.to_ascii_uppercase()),
            field,
            "case does not matter"
        );
    }
});
