// A stream of chunks that runs its clean-up once however it ends — last chunk, error, or abandoned
// before its first chunk was asked for (where an async generator's `finally` never runs).

/**
 * `source`'s chunks; `cleanUp` runs once when they end, fail, or the consumer stops (`return`),
 * even if it stops before asking for the first (a response closed before its body began).
 */
export function withCleanUp<T>(source: AsyncIterable<T>, cleanUp: () => void): AsyncIterable<T> {
  let iterator: AsyncIterator<T> | undefined;
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    cleanUp();
  };
  const started = () => (iterator ??= source[Symbol.asyncIterator]());
  const stream: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => stream,
    async next() {
      if (done) return { done: true, value: undefined };
      try {
        const result = await started().next();
        if (result.done) finish();
        return result;
      } catch (error) {
        finish();
        throw error;
      }
    },
    async return() {
      try {
        // Only a started source holds anything its own `return` must let go of.
        if (iterator !== undefined && !done) await iterator.return?.();
      } finally {
        finish();
      }
      return { done: true, value: undefined };
    },
  };
  return stream;
}
