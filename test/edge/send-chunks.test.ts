import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { sendChunks } from '../../src/edge/send-chunks.js';

/** A response that takes one chunk per `release()` call, as a slow client would. */
function slowResponse() {
  const received: Buffer[] = [];
  const waiting: (() => void)[] = [];
  const response = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, done) {
      received.push(chunk);
      waiting.push(done);
    },
  });
  return {
    response,
    received,
    release: () => waiting.shift()?.(),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('sendChunks', () => {
  it('pulls the stream one chunk ahead of a slow response, not the sixteen of Readable.from', async () => {
    let pulled = 0;
    async function* parts() {
      for (let index = 0; index < 50; index++) {
        pulled++;
        yield Buffer.from(`part ${index}\n`);
      }
    }
    const client = slowResponse();
    const sent = sendChunks(parts(), client.response);
    for (let step = 0; step < 20; step++) {
      await settle();
      // Taken by the response, held in its one-chunk buffer, the one being written, and the ahead.
      assert.ok(
        pulled <= client.received.length + 3,
        `pulled ${pulled} with ${client.received.length} received`,
      );
      client.release();
    }
    for (let step = 0; step < 60; step++) {
      await settle();
      client.release();
    }
    await sent;
    assert.equal(Buffer.concat(client.received).toString().split('\n').length - 1, 50);
  });

  it('destroys the response and rejects when the stream fails mid-way', async () => {
    async function* failing() {
      yield Buffer.from('first\n');
      throw new Error('engine gone');
    }
    const received: Buffer[] = [];
    const response = new Writable({
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk);
        done();
      },
    });
    await assert.rejects(sendChunks(failing(), response), /engine gone/);
    assert.equal(response.destroyed, true);
    assert.equal(Buffer.concat(received).toString(), 'first\n');
  });
});
