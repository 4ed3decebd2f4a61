import { describe, expect, it } from 'vitest';
import { isTrustedFrame, isTrustedSender, type SenderFrame } from '../../main/ipc/sender.ts';

const OUR_CONTENTS_ID = 7;

function topFrame(overrides: Partial<SenderFrame> = {}): SenderFrame {
  return { url: 'app://kaunter/index.html', origin: 'app://kaunter', parent: null, detached: false, isDestroyed: () => false, ...overrides };
}

function event(senderFrame: SenderFrame | null | undefined, contentsId = OUR_CONTENTS_ID) {
  return { sender: { id: contentsId }, senderFrame };
}

describe('isTrustedSender', () => {
  it('trusts the top frame of our window on app://kaunter, on any route', () => {
    expect(isTrustedSender(event(topFrame()), OUR_CONTENTS_ID)).toBe(true);
    expect(isTrustedSender(event(topFrame({ url: 'app://kaunter/history?day=2025-01-01' })), OUR_CONTENTS_ID)).toBe(true);
  });

  it('refuses a null or missing senderFrame (the frame navigated or was destroyed after sending)', () => {
    expect(isTrustedSender(event(null), OUR_CONTENTS_ID)).toBe(false);
    expect(isTrustedSender(event(undefined), OUR_CONTENTS_ID)).toBe(false);
  });

  it('refuses another WebContents, even one showing our page', () => {
    expect(isTrustedSender(event(topFrame(), 8), OUR_CONTENTS_ID)).toBe(false);
  });

  it('refuses a subframe, even of our own origin', () => {
    expect(isTrustedSender(event(topFrame({ parent: topFrame() })), OUR_CONTENTS_ID)).toBe(false);
  });

  it('refuses foreign, file:, data:, loopback-http and look-alike origins', () => {
    const foreign: [string, string][] = [
      ['https://evil.example/', 'https://evil.example'],
      ['file:///opt/Kaunter/resources/app.asar/dist/renderer/index.html', 'file://'],
      ['data:text/html,hi', 'null'],
      ['http://127.0.0.1:5173/', 'http://127.0.0.1:5173'],
      ['app://evil/index.html', 'app://evil'],
      ['about:blank', 'app://kaunter'],
      ['app://kaunter/index.html', 'null'],
    ];
    for (const [url, origin] of foreign) {
      expect(isTrustedSender(event(topFrame({ url, origin })), OUR_CONTENTS_ID), `${url} ${origin}`).toBe(false);
    }
  });

  it('refuses a detached frame (an IPC sent while unloading) and a destroyed one', () => {
    expect(isTrustedSender(event(topFrame({ detached: true })), OUR_CONTENTS_ID)).toBe(false);
    expect(isTrustedSender(event(topFrame({ isDestroyed: () => true })), OUR_CONTENTS_ID)).toBe(false);
  });

  it('refuses a frame whose properties throw "Render frame was disposed"', () => {
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      origin: 'app://kaunter',
      parent: null,
    };
    expect(isTrustedFrame(disposed)).toBe(false);
    expect(isTrustedSender(event(disposed), OUR_CONTENTS_ID)).toBe(false);
  });
});
