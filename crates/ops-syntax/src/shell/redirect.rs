//! Redirections (POSIX XCU 2.7): `[n]op target` and here-documents, after a simple or a
//! compound command.

use super::ast::{HereDoc, Redirect};
use super::parse::Parser;
use super::token::{Op, RedirOp, TokenKind};
use super::word::Word;

impl Parser<'_> {
    /// Redirections after a compound command.
    pub fn redirects(&mut self) -> Vec<Redirect> {
        let mut out = Vec::new();
        while matches!(
            self.kind(),
            Some(TokenKind::IoNumber(_) | TokenKind::Op(Op::Redirect(_)))
        ) {
            out.push(self.redirect());
        }
        out
    }

    pub fn redirect(&mut self) -> Redirect {
        let start = self.start();
        let fd = match self.kind() {
            Some(TokenKind::IoNumber(n)) => {
                let n = *n;
                self.pos += 1;
                Some(n)
            }
            _ => None,
        };
        let op = match self.op() {
            Some(Op::Redirect(r)) => {
                self.pos += 1;
                r
            }
            _ => RedirOp::Great,
        };
        let (target, heredoc) = match self.toks.get_mut(self.pos).map(|t| &mut t.kind) {
            Some(TokenKind::Word(_)) => (self.take_word(), None),
            Some(TokenKind::HereDoc(h)) => {
                let h = std::mem::replace(h, Box::new(empty_heredoc()));
                self.pos += 1;
                (h.delimiter.clone(), Some(h))
            }
            _ => {
                self.tally.note(
                    start,
                    format!("redirection `{}` without a target", op.as_str()),
                );
                (Word::default(), None)
            }
        };
        Redirect {
            fd,
            op,
            target,
            heredoc,
            start,
            end: self.prev_end(),
        }
    }
}

fn empty_heredoc() -> HereDoc {
    HereDoc {
        delimiter: Word::default(),
        delimiter_text: String::new(),
        quoted: false,
        strip_tabs: false,
        body: Word::default(),
        body_start: 0,
        body_end: 0,
        terminated: false,
    }
}
