//! Bracket pairing over a lexer's tokens, shared by the log slicers.

/// For each token, the index of the bracket it pairs with (`usize::MAX` for
/// a token that is no bracket); `None` when brackets do not pair up. Each
/// item of `punctuation` is a token's punctuator byte, if it is one.
pub(crate) fn partners(punctuation: impl Iterator<Item = Option<u8>>) -> Option<Vec<usize>> {
    let mut partner = Vec::new();
    let mut open: Vec<(usize, u8)> = Vec::new();
    for (i, byte) in punctuation.enumerate() {
        partner.push(usize::MAX);
        match byte {
            Some(b @ (b'(' | b'[' | b'{')) => open.push((i, b)),
            Some(b @ (b')' | b']' | b'}')) => {
                let (o, opener) = open.pop()?;
                if !matches!((opener, b), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                    return None;
                }
                partner[o] = i;
                partner[i] = o;
            }
            _ => {}
        }
    }
    open.is_empty().then_some(partner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(text: &str) -> Option<Vec<usize>> {
        partners(text.bytes().map(Some))
    }

    #[test]
    fn brackets_pair_with_their_own_kind() {
        let m = usize::MAX;
        assert_eq!(pair("a(b[c]{})"), Some(vec![m, 8, m, 5, m, 3, 7, 6, 1]));
        assert_eq!(pair("(]"), None);
        assert_eq!(pair("(()"), None);
        assert_eq!(pair(")("), None);
    }
}
