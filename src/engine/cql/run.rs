//! Running a [`Program`] over a sequence of tokens: leftmost-longest,
//! non-overlapping matches (see the parent module), in time linear in the
//! tokens times the program's size.
//!
//! A Pike VM: the threads alive at a position are kept in order of where
//! their match started, one per instruction, so that when two threads meet
//! the one that started first survives (what follows depends only on the
//! instruction, so the later one cannot end a leftmost match). Once a match
//! is found, threads that started after it are dropped; the others run on,
//! to find an earlier start or a longer match. When none is left, the
//! match is final and the scan resumes at its end. A position where no
//! thread is alive and whose word cannot start a match is skipped with one
//! bit test.

use super::compile::{Inst, Program};

/// Threads at one position: (instruction, start), in order of start, at
/// most one per instruction.
struct Threads {
    list: Vec<(u32, u32)>,
    /// `mark[pc] == generation`: instruction `pc` already has a thread.
    mark: Vec<u32>,
    generation: u32,
}

impl Threads {
    fn new(n: usize) -> Threads {
        Threads { list: Vec::new(), mark: vec![0; n], generation: 1 }
    }

    fn clear(&mut self) {
        self.list.clear();
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.generation = 1;
        }
    }
}

/// Reusable state for [`find`].
pub struct Runner<'p> {
    prog: &'p Program,
    current: Threads,
    next: Threads,
    stack: Vec<usize>,
}

impl<'p> Runner<'p> {
    /// A runner for `prog`.
    pub fn new(prog: &'p Program) -> Runner<'p> {
        let n = prog.insts.len();
        Runner { prog, current: Threads::new(n), next: Threads::new(n), stack: Vec::new() }
    }

    /// Every match in `words[from..to]` (a document or a sentence), as
    /// token ranges `(start, end)` appended to `out`.
    pub fn find(&mut self, words: &[u32], from: usize, to: usize, out: &mut Vec<(u32, u32)>) {
        let prog = self.prog;
        let mut p = from;
        let mut best: Option<(u32, u32)> = None;
        self.current.clear();
        loop {
            if best.is_none() && p < to && prog.first.contains(words[p]) {
                add(prog, &mut self.current, &mut self.stack, 0, p as u32, p as u32, &mut best);
            }
            if self.current.list.is_empty() {
                if let Some((s, e)) = best.take() {
                    out.push((s, e));
                    p = e as usize;
                    self.current.clear();
                    continue;
                }
                p += 1;
                while p < to && !prog.first.contains(words[p]) {
                    p += 1;
                }
                if p >= to {
                    return;
                }
                continue;
            }
            if p >= to {
                // Threads alive at the end of the range can match no more.
                self.current.clear();
                continue;
            }
            let w = words[p];
            self.next.clear();
            for i in 0..self.current.list.len() {
                let (pc, start) = self.current.list[i];
                if let Inst::Token(set) = prog.insts[pc as usize] {
                    if prog.sets[set].contains(w) {
                        let (next, stack) = (&mut self.next, &mut self.stack);
                        add(prog, next, stack, pc as usize + 1, start, p as u32 + 1, &mut best);
                    }
                }
            }
            if let Some((s, _)) = best {
                self.next.list.retain(|&(_, start)| start <= s);
            }
            core::mem::swap(&mut self.current, &mut self.next);
            p += 1;
        }
    }
}

/// Add the thread `(pc, start)` at position `at` to `threads`, following
/// jumps and splits; a `Match` reached is a candidate `(start, at)`.
fn add(
    prog: &Program,
    threads: &mut Threads,
    stack: &mut Vec<usize>,
    pc: usize,
    start: u32,
    at: u32,
    best: &mut Option<(u32, u32)>,
) {
    stack.clear();
    stack.push(pc);
    while let Some(pc) = stack.pop() {
        let Some(mark) = threads.mark.get_mut(pc) else { continue };
        if *mark == threads.generation {
            continue;
        }
        *mark = threads.generation;
        match prog.insts[pc] {
            Inst::Jmp(a) => stack.push(a),
            Inst::Split(a, b) => {
                stack.push(b);
                stack.push(a);
            }
            Inst::Token(_) => threads.list.push((pc as u32, start)),
            Inst::Match => {
                let better = match *best {
                    None => true,
                    Some((s, e)) => start < s || (start == s && at > e),
                };
                if better {
                    *best = Some((start, at));
                }
            }
        }
    }
}
