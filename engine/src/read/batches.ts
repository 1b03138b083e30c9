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
