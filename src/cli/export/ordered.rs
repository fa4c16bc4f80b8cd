//! Work on many items in parallel, results taken in item order on the calling thread, with a
//! bounded window so that the items ahead do not pile up in memory.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// Results computed ahead of the one being taken, at most.
pub const WINDOW: usize = 8;

/// Runs `work` on every item with `workers` threads and hands the results to `take` in item
/// order, on the calling thread. `take` returns false to stop early. At most [`WINDOW`]
/// results are computed ahead of the one `take` is waiting for.
pub fn ordered_map<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> R + Sync,
    mut take: impl FnMut(usize, R) -> bool,
) {
    if workers <= 1 {
        for (i, item) in items.iter().enumerate() {
            if !take(i, work(item)) {
                return;
            }
        }
        return;
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let taken = Mutex::new(0_usize);
    let moved = Condvar::new();
    std::thread::scope(|scope| {
        let (tx, rx) = mpsc::channel::<(usize, R)>();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, stop, taken, moved, work) = (&next, &stop, &taken, &moved, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= items.len() {
                        break;
                    }
                    let mut done = lock(taken);
                    while i >= *done + WINDOW && !stop.load(Ordering::SeqCst) {
                        done = moved.wait(done).unwrap_or_else(|p| p.into_inner());
                    }
                    drop(done);
                    if stop.load(Ordering::SeqCst) || tx.send((i, work(&items[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending: BTreeMap<usize, R> = BTreeMap::new();
        let mut want = 0;
        'results: for (i, result) in rx.iter() {
            pending.insert(i, result);
            while let Some(result) = pending.remove(&want) {
                let go = take(want, result);
                want += 1;
                {
                    let mut done = lock(&taken);
                    *done = want;
                    if !go {
                        stop.store(true, Ordering::SeqCst);
                    }
                }
                moved.notify_all();
                if !go {
                    break 'results;
                }
            }
        }
        drop(rx);
    });
}

fn lock(m: &Mutex<usize>) -> std::sync::MutexGuard<'_, usize> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_map_keeps_item_order_and_stops_early() {
        let items: Vec<u64> = (0..100).collect();
        for workers in [1, 2, 3] {
            let mut seen = Vec::new();
            ordered_map(
                &items,
                workers,
                |x| {
                    // Uneven work, so that results arrive out of order.
                    std::thread::sleep(std::time::Duration::from_micros((x % 7) * 50));
                    x * 2
                },
                |i, r| {
                    seen.push((i, r));
                    true
                },
            );
            let expected: Vec<(usize, u64)> = (0..100).map(|i| (i, i as u64 * 2)).collect();
            assert_eq!(seen, expected, "{workers} workers");
            let mut count = 0;
            ordered_map(
                &items,
                workers,
                |x| *x,
                |_, _| {
                    count += 1;
                    count < 10
                },
            );
            assert_eq!(count, 10);
        }
    }
}
