//! Bytes to text: BOM first, then strict UTF-8, then a detected legacy encoding.
//!
//! Uses `encoding_rs` for the decoders and chardetng (Firefox's detector) to guess a legacy
//! encoding. Refuses binary data instead of producing mojibake a reviewer might annotate.

use encoding_rs::{Encoding, UTF_8};

/// Decoded text plus the encoding it was read as, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Why bytes are not article text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("it contains NUL bytes, so it looks like binary data, not text")]
    NulBytes,
    #[error(
        "it has a NUL byte in every other place, as {0} text without a byte-order mark \
         has: save it as UTF-8 (or as UTF-16 with a byte-order mark) and import it again"
    )]
    Utf16WithoutBom(&'static str),
    #[error("it is not valid {encoding}: it looks like binary data, not text")]
    Malformed { encoding: &'static str },
    #[error("it is mostly control characters, so it looks like binary data, not text")]
    ControlCharacters,
}

/// Text in UTF-16 without a BOM shows as NUL bytes in every other place (the high bytes of
/// Latin letters): on the odd places for little-endian, the even ones for big-endian.
fn utf16_guess(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(4096)];
    let nul_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    let pairs = head.len() / 2;
    if pairs >= 2 && odd * 10 >= pairs * 6 && even * 10 <= odd {
        Some("UTF-16 little-endian")
    } else if pairs >= 2 && even * 10 >= pairs * 6 && odd * 10 <= even {
        Some("UTF-16 big-endian")
    } else {
        None
    }
}

/// Decodes `bytes` as DESIGN section 3 says. The BOM, if any, is removed; newlines are left
/// as they are (see [`super::canonical_newlines`]).
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let (text, encoding) = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = encoding.decode_without_bom_handling(body);
        if had_errors {
            return Err(DecodeError::Malformed {
                encoding: encoding.name(),
            });
        }
        (text.into_owned(), encoding)
    } else {
        if bytes.contains(&0) {
            return Err(
                utf16_guess(bytes).map_or(DecodeError::NulBytes, DecodeError::Utf16WithoutBom)
            );
        }
        if let Ok(text) = std::str::from_utf8(bytes) {
            (text.to_owned(), UTF_8)
        } else {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(DecodeError::Malformed {
                    encoding: encoding.name(),
                });
            }
            (text.into_owned(), encoding)
        }
    };
    if text.contains('\0') {
        return Err(DecodeError::NulBytes);
    }
    if looks_binary(&text) {
        return Err(DecodeError::ControlCharacters);
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
    })
}

/// More than one character in ten a C0 control other than tab, LF, CR or form feed.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') && (c as u32) < 0x20 {
            control += 1;
        }
    }
    control * 10 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], expected_text: &str, expected_encoding: &str) {
        let decoded = decode(bytes).unwrap_or_else(|e| panic!("{bytes:?}: {e}"));
        assert_eq!(decoded.text, expected_text);
        assert_eq!(decoded.encoding, expected_encoding);
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&pair);
        }
        out
    }

    #[test]
    fn decodes_each_encoding_we_promise() {
        check("plain".as_bytes(), "plain", "UTF-8");
        check("北京 — 😀".as_bytes(), "北京 — 😀", "UTF-8");
        check(b"\xEF\xBB\xBFwith BOM", "with BOM", "UTF-8");
        check(
            &utf16("Grüße 北京 😀\r\n", false),
            "Grüße 北京 😀\r\n",
            "UTF-16LE",
        );
        check(&utf16("Grüße 北京 😀", true), "Grüße 北京 😀", "UTF-16BE");
        // Windows-1252: curly quotes, an em dash and accented letters, as Word saves them.
        check(
            b"\x93Caf\xe9 cr\xe8me\x94 \x97 na\xefve r\xe9sum\xe9 \xe0 la fran\xe7aise",
            "\u{201C}Café crème\u{201D} — naïve résumé à la française",
            "windows-1252",
        );
        check(b"CRLF\r\nstays\r\n", "CRLF\r\nstays\r\n", "UTF-8");
    }

    #[test]
    fn refuses_binary() {
        assert_eq!(decode(b"PNG\0\0\x01\x02"), Err(DecodeError::NulBytes));
        let text = "Kim met Putin in Beijing.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(
            decode(&le),
            Err(DecodeError::Utf16WithoutBom("UTF-16 little-endian"))
        );
        assert_eq!(
            decode(&be),
            Err(DecodeError::Utf16WithoutBom("UTF-16 big-endian"))
        );
        assert_eq!(
            decode(b"\x01\x02\x03\x04\x05\x06\x07\x08abc"),
            Err(DecodeError::ControlCharacters)
        );
        let mut bad_utf16 = utf16("ok", false);
        bad_utf16.extend_from_slice(&[0x00, 0xD8]); // lone high surrogate
        assert!(matches!(
            decode(&bad_utf16),
            Err(DecodeError::Malformed { .. })
        ));
        assert_eq!(
            decode(&utf16("a\0b", false)),
            Err(DecodeError::NulBytes),
            "NUL inside UTF-16 text"
        );
    }
}
