//! Text normalizing: cleaning, folding and the legacy encodings, on any text.
#![no_main]

use dvk::ingest::normalize::legacy::{decode_legacy, detect_legacy, Legacy};
use dvk::text::{clean, fold, fold_compact};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cleaned = clean(&text);
    assert_eq!(clean(&cleaned), cleaned, "clean is idempotent");
    let folded = fold(&text);
    assert_eq!(fold(&folded), folded, "fold is idempotent");
    assert!(!folded.contains("  ") && folded.trim() == folded);
    assert_eq!(fold_compact(&folded), fold_compact(&text));
    let _ = detect_legacy(text.split('\n'));
    for legacy in Legacy::ALL {
        let decoded = decode_legacy(&text, legacy);
        assert_eq!(clean(&decoded), decoded, "decoded text comes out clean");
    }
});
