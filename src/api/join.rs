//! Several requests out at once, a few at a time, with plain futures (no async runtime), so the
//! API layer stays testable natively.

use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

/// How many requests [`join_limited`] keeps out at once: a browser's connections per host.
pub const AT_ONCE: usize = 6;

/// Awaits the future `make` builds for each item, at most `at_once` in flight at a time; the
/// results come in the items' order.
pub async fn join_limited<I, T, Fut>(
    items: Vec<I>,
    at_once: usize,
    make: impl Fn(I) -> Fut,
) -> Vec<T>
where
    Fut: Future<Output = T>,
{
    let at_once = at_once.max(1);
    let mut results: Vec<Option<T>> = items.iter().map(|_| None).collect();
    let mut waiting = items.into_iter().enumerate();
    let mut running: Vec<(usize, Pin<Box<Fut>>)> = Vec::new();
    std::future::poll_fn(|cx| {
        while running.len() < at_once {
            let Some((index, item)) = waiting.next() else {
                break;
            };
            running.push((index, Box::pin(make(item))));
        }
        let mut i = 0;
        while i < running.len() {
            if let Poll::Ready(out) = running[i].1.as_mut().poll(cx) {
                let (index, _) = running.remove(i); // keeps the order: requests go out as listed
                results[index] = Some(out);
                // The freed place goes to the next item; it is polled in this same pass.
                if let Some((index, item)) = waiting.next() {
                    running.push((index, Box::pin(make(item))));
                }
            } else {
                i += 1;
            }
        }
        if running.is_empty() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use std::task::{Context, Waker};

    /// A future that is pending `polls` times, counting how many of its kind are out at once.
    struct Slow {
        polls: u32,
        value: u32,
        out: Rc<Cell<usize>>,
        most: Rc<Cell<usize>>,
        started: bool,
    }

    impl Future for Slow {
        type Output = u32;
        fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
            if !self.started {
                self.started = true;
                self.out.set(self.out.get() + 1);
                self.most.set(self.most.get().max(self.out.get()));
            }
            if self.polls == 0 {
                self.out.set(self.out.get() - 1);
                Poll::Ready(self.value)
            } else {
                self.polls -= 1;
                Poll::Pending
            }
        }
    }

    fn run_to_end<F: Future>(future: F) -> F::Output {
        let mut future = std::pin::pin!(future);
        let mut cx = Context::from_waker(Waker::noop());
        for _ in 0..1000 {
            if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
                return out;
            }
        }
        panic!("never finished");
    }

    #[test]
    fn every_result_in_order_and_never_more_than_the_limit_out() {
        let (out, most) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)));
        let items: Vec<u32> = (0..20).collect();
        let results = run_to_end(join_limited(items, 3, |n| Slow {
            polls: (n * 7) % 5,
            value: n * 10,
            out: out.clone(),
            most: most.clone(),
            started: false,
        }));
        assert_eq!(results, (0..20).map(|n| n * 10).collect::<Vec<_>>());
        assert_eq!(most.get(), 3);
        assert_eq!(out.get(), 0);
    }

    #[test]
    fn no_items_and_a_zero_limit_are_fine() {
        let none: Vec<u32> = run_to_end(join_limited(Vec::<u32>::new(), 4, |n| async move { n }));
        assert!(none.is_empty());
        let one = run_to_end(join_limited(vec![1, 2], 0, |n| async move { n + 1 }));
        assert_eq!(one, vec![2, 3]);
    }
}
