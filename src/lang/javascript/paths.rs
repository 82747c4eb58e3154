//! Callee normalisation: member chains written as dotted paths (`a.b().c`,
//! `?` for receivers that are not paths), for callees, assignment targets
//! and member values.

use tree_sitter::Node as TsNode;

use super::extractor::Extractor;
use super::literals::strip_quotes;
use super::tables::Kind;
use super::MAX_DEPTH;

/// One link of a member chain, collected from the outermost inwards.
#[derive(Clone, Copy)]
pub(super) enum Piece<'s> {
    Name(&'s str),
    Called,
    Unknown,
}

/// Writes collected pieces (outermost first) as a dotted path, root first.
fn write_pieces(pieces: &[Piece<'_>]) -> String {
    let mut out = String::new();
    for piece in pieces.iter().rev() {
        match piece {
            Piece::Called => out.push_str("()"),
            Piece::Name(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Piece::Unknown => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push('?');
            }
        }
    }
    out
}

/// Paths: callees and member expressions as dotted strings.
impl<'s> Extractor<'s> {
    /// Collects the links of a member chain, outermost first. Returns false
    /// (after pushing `Unknown`) when the chain's root is not a name.
    fn collect_pieces(
        &self,
        mut node: TsNode<'s>,
        calls_ok: bool,
        out: &mut Vec<Piece<'s>>,
    ) -> bool {
        let fields = &self.tables.fields;
        for _ in 0..MAX_DEPTH {
            let next = match self.kind(node) {
                Kind::Identifier | Kind::This | Kind::Super | Kind::Import => {
                    out.push(Piece::Name(self.src(node)));
                    return true;
                }
                Kind::MemberExpression => self.field(node, fields.property).and_then(|p| {
                    out.push(Piece::Name(self.src(p)));
                    self.field(node, fields.object)
                }),
                Kind::SubscriptExpression => self
                    .field(node, fields.index)
                    .filter(|index| self.kind(*index) == Kind::String)
                    .and_then(|index| {
                        out.push(Piece::Name(strip_quotes(self.src(index))));
                        self.field(node, fields.object)
                    }),
                Kind::CallExpression if calls_ok => {
                    out.push(Piece::Called);
                    self.field(node, fields.function)
                }
                Kind::NewExpression if calls_ok => {
                    out.push(Piece::Called);
                    self.field(node, fields.constructor)
                }
                Kind::Wrapper => self.inner(node),
                _ => None,
            };
            match next {
                Some(next) => node = next,
                None => break,
            }
        }
        out.push(Piece::Unknown);
        false
    }

    /// The callee as a dotted path, `()` after receivers that are calls and
    /// `?` for receivers that are not paths.
    pub(super) fn callee_of(&mut self, node: TsNode<'s>) -> String {
        let mut pieces = std::mem::take(&mut self.pieces);
        pieces.clear();
        self.collect_pieces(node, true, &mut pieces);
        let path = write_pieces(&pieces);
        self.pieces = pieces;
        path
    }

    /// The dotted path of an identifier or member chain, if it is a pure path.
    pub(super) fn member_path(&mut self, node: TsNode<'s>) -> Option<String> {
        let mut pieces = std::mem::take(&mut self.pieces);
        pieces.clear();
        let pure = self.collect_pieces(node, false, &mut pieces);
        let path = pure.then(|| write_pieces(&pieces));
        self.pieces = pieces;
        path
    }
}
