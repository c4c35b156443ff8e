//! Sets of bytes and the scan for them that the fast paths share: a reader that skips a
//! crate's parser on plain text first looks for any byte that would need the parser.

/// The bytes of `marks`, the ASCII control characters (0x00 to 0x1f and 0x7f) but `except`,
/// and with `non_ascii` every byte from 0x80 on.
pub const fn byte_set(marks: &[u8], except: Option<u8>, non_ascii: bool) -> [bool; 256] {
    let mut set = [false; 256];
    let mut b = 0;
    while b < 256 {
        let control = b < 0x20 || b == 0x7f;
        let excepted = match except {
            Some(e) => b == e as usize,
            None => false,
        };
        set[b] = (control && !excepted) || (non_ascii && b >= 0x80);
        b += 1;
    }
    let mut i = 0;
    while i < marks.len() {
        set[marks[i] as usize] = true;
        i += 1;
    }
    set
}

/// Whether a byte of `bytes` is in `set`: eight at a time without a branch between them,
/// since plain text holds none, and a test and a branch per byte cost as much as some of the
/// parsers the fast paths skip.
pub fn holds_any(set: &[bool; 256], bytes: &[u8]) -> bool {
    let member = |b: &u8| u8::from(set[usize::from(*b)]);
    let mut chunks = bytes.chunks_exact(8);
    let found = chunks
        .by_ref()
        .any(|chunk| chunk.iter().fold(0, |any, b| any | member(b)) != 0);
    found || chunks.remainder().iter().any(|b| member(b) != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_hold_their_marks_controls_and_high_bytes() {
        let set = byte_set(b"*_", Some(b'\n'), false);
        assert!(set[usize::from(b'*')] && set[usize::from(b'_')]);
        assert!(set[0] && set[usize::from(b'\t')] && set[0x7f]);
        assert!(!set[usize::from(b'\n')] && !set[usize::from(b'a')] && !set[0xc3]);
        let set = byte_set(b"", None, true);
        assert!(set[usize::from(b'\n')] && set[0x80] && set[0xff] && !set[usize::from(b' ')]);
    }

    proptest::proptest! {
        /// Eight at a time finds what one at a time finds, wherever it stands.
        #[test]
        fn the_scan_finds_a_member_anywhere(bytes in proptest::collection::vec(0u8..=255, 0..40)) {
            let set = byte_set(b"*", None, false);
            let one_at_a_time = bytes.iter().any(|&b| set[usize::from(b)]);
            proptest::prop_assert_eq!(holds_any(&set, &bytes), one_at_a_time);
        }
    }
}
