import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { Channels } from '../../../electron/channels';
import { EngineProcess, type ChildLike, type PortLike, type PortTarget } from '../../../electron/engineProcess';
import type { HostMessage } from '../../../electron/hostProtocol';

class FakeChild extends EventEmitter implements ChildLike {
  posted: { message: unknown; transfer?: PortLike[] }[] = [];
  killed = false;
  postMessage(message: unknown, transfer?: PortLike[]) {
    this.posted.push({ message, transfer });
  }
  kill() {
    this.killed = true;
    this.emit('exit', 0);
    return true;
  }
}

class FakeTarget extends EventEmitter implements PortTarget {
  destroyed = false;
  posted: { channel: string; transfer?: PortLike[] }[] = [];
  postMessage(channel: string, _message: unknown, transfer?: PortLike[]) {
    this.posted.push({ channel, transfer });
  }
  isDestroyed() {
    return this.destroyed;
  }
}

function setup(overrides: { now?: () => number } = {}) {
  const children: FakeChild[] = [];
  let portCount = 0;
  const onMessage = vi.fn();
  const onRestart = vi.fn();
  const onGiveUp = vi.fn();
  const engine = new EngineProcess({
    fork: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    createChannel: () => ({ port1: { close: () => undefined, n: ++portCount }, port2: { close: () => undefined, n: ++portCount } }) as never,
    onMessage,
    onRestart,
    onGiveUp,
    ...overrides,
  });
  engine.start();
  return { engine, children, onMessage, onRestart, onGiveUp };
}

const last = <T>(items: T[]) => items[items.length - 1] as T;

describe('EngineProcess', () => {
  it('gives each page load its own port pair: one end to the engine, the other to the page', () => {
    const { engine, children } = setup();
    const page = new FakeTarget();
    engine.connect(page);
    engine.connect(page);
    const child = children[0] as FakeChild;
    expect(child.posted.map((p) => p.message)).toEqual([{ type: 'port' }, { type: 'port' }]);
    expect(page.posted.map((p) => p.channel)).toEqual([Channels.enginePort, Channels.enginePort]);
    const [first, second] = child.posted;
    expect(first?.transfer?.[0]).not.toBe(second?.transfer?.[0]);
    expect(first?.transfer?.[0]).not.toBe(page.posted[0]?.transfer?.[0]);
  });

  it('matches replies to requests by id and passes other messages on', async () => {
    const { engine, children, onMessage } = setup();
    const child = children[0] as FakeChild;
    const opening = engine.request({ type: 'open', path: '/a.radbench' });
    const saving = engine.request({ type: 'save', path: '/b.radbench' });
    const [openId, saveId] = child.posted.map((p) => (p.message as { id: number }).id) as [number, number];
    const doc = { path: '/b.radbench', readOnly: false, dirty: false, encrypted: false };
    child.emit('message', { type: 'saved', id: saveId, doc, autosave: false } satisfies HostMessage);
    child.emit('message', { type: 'opened', id: openId, doc, readOnlyReason: null } satisfies HostMessage);
    child.emit('message', { type: 'state', doc } satisfies HostMessage);
    child.emit('message', { type: 'nonsense' });
    expect((await opening).type).toBe('opened');
    expect((await saving).type).toBe('saved');
    expect(onMessage).toHaveBeenCalledExactlyOnceWith({ type: 'state', doc });
  });

  it('restarts after an unexpected exit, fails pending requests and gives the pages new ports', async () => {
    const { engine, children, onRestart } = setup();
    const page = new FakeTarget();
    engine.connect(page);
    const pending = engine.request({ type: 'new' });
    (children[0] as FakeChild).emit('exit', 139);
    await expect(pending).rejects.toThrow('stopped unexpectedly');
    expect(children).toHaveLength(2);
    expect(last(children).posted.map((p) => p.message)).toEqual([{ type: 'port' }]);
    expect(page.posted).toHaveLength(2);
    expect(onRestart).toHaveBeenCalledWith(139);
  });

  it('forgets pages that were destroyed', () => {
    const { engine, children } = setup();
    const page = new FakeTarget();
    engine.connect(page);
    page.destroyed = true;
    page.emit('destroyed');
    (children[0] as FakeChild).emit('exit', 1);
    expect(last(children).posted).toEqual([]);
  });

  it('gives up after repeated crashes in a short time', () => {
    let now = 0;
    const { children, onGiveUp, onRestart, engine } = setup({ now: () => now });
    for (let i = 0; i < 4; i++) {
      now += 1000;
      last(children).emit('exit', 1);
    }
    expect(onRestart).toHaveBeenCalledTimes(3);
    expect(onGiveUp).toHaveBeenCalledTimes(1);
    expect(engine.running).toBe(false);
    return expect(engine.request({ type: 'new' })).rejects.toThrow('not running');
  });

  it('does not restart after stop()', () => {
    const { engine, children, onRestart } = setup();
    engine.stop();
    expect((children[0] as FakeChild).killed).toBe(true);
    expect(children).toHaveLength(1);
    expect(onRestart).not.toHaveBeenCalled();
  });
});
