/**
 * Turns an async stream of record batches (one per decoded chunk) into a per-record async
 * iterable. Parsers work a chunk at a time, synchronously; an async generator `yield` per record
 * would cost a promise round trip per row (about 0.3 s per million rows), so records are handed
 * out of an array by a hand-written iterator and only a new chunk costs an await.
 *
 * `return()` (a consumer's `break`) is passed on to the batch generator, whose `finally` blocks
 * close the file stream: a preview of the first rows never reads the rest of the file.
 */
export function flattenBatches<T>(batches: AsyncGenerator<T[], void, undefined>, first: T[] = []): AsyncIterable<T> {
  let used = false;
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      if (used) throw new Error('The records of a source can be iterated only once.');
      used = true;
      let batch = first;
      let i = 0;
      let done = false;
      const finish = async (): Promise<IteratorResult<T>> => {
        if (!done) {
          done = true;
          await batches.return(undefined);
        }
        return { done: true, value: undefined };
      };
      const pull = async (): Promise<IteratorResult<T>> => {
        while (!done) {
          if (i < batch.length) return { done: false, value: batch[i++] as T };
          let step: IteratorResult<T[], void>;
          try {
            step = await batches.next();
          } catch (error) {
            done = true;
            throw error;
          }
          if (step.done) {
            done = true;
            break;
          }
          batch = step.value;
          i = 0;
        }
        return { done: true, value: undefined };
      };
      return {
        // The common case, a record already parsed, skips the async function machinery.
        next: () => (i < batch.length && !done ? Promise.resolve({ done: false, value: batch[i++] as T }) : pull()),
        return: finish,
      };
    },
  };
}

/**
 * A reader's records both ways, from one batch generator: `records` one at a time (the
 * SourceReader contract every caller can use), and `batches` a chunk's records at a time, so a
 * consumer that loops over them synchronously pays an await per chunk instead of a promise per
 * record (docs/performance.md has the measured gain). Only one of the two may be iterated.
 */
export function recordStream<T>(
  batches: AsyncGenerator<T[], void, undefined>,
  first: T[] = [],
): { records: AsyncIterable<T>; batches: AsyncIterable<readonly T[]> } {
  let taken: 'records' | 'batches' | undefined;
  const take = (how: 'records' | 'batches'): void => {
    if (taken !== undefined) throw new Error('The records of a source can be iterated only once.');
    taken = how;
  };
  const records = flattenBatches(batches, first);
  return {
    records: {
      [Symbol.asyncIterator]() {
        take('records');
        return records[Symbol.asyncIterator]();
      },
    },
    batches: {
      [Symbol.asyncIterator](): AsyncIterator<readonly T[]> {
        take('batches');
        let pending: T[] | undefined = first.length > 0 ? first : undefined;
        return {
          next: async () => {
            if (pending !== undefined) {
              const batch = pending;
              pending = undefined;
              return { done: false, value: batch };
            }
            const step = await batches.next();
            return step.done ? { done: true, value: undefined } : { done: false, value: step.value };
          },
          return: async () => {
            await batches.return(undefined);
            return { done: true, value: undefined };
          },
        };
      },
    },
  };
}
