// happy-dom does no layout. The history list's scroll box is 480 px tall in the stylesheet, so tests that show it
// report that size for it (the virtualiser reads clientHeight and clientWidth, as it does in a browser).
import { afterAll, beforeAll } from 'vitest';

export const LIST_BOX = { height: 480, width: 960 };

export function withListLayout(): void {
  const realHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
  const realWidth = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientWidth');
  const sized = (name: 'height' | 'width', real: PropertyDescriptor | undefined): PropertyDescriptor => ({
    configurable: true,
    get(this: HTMLElement): number {
      return this.classList.contains('history-scroll') ? LIST_BOX[name] : ((real?.get?.call(this) as number | undefined) ?? 0);
    },
  });
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', sized('height', realHeight));
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', sized('width', realWidth));
  });
  afterAll(() => {
    if (realHeight) Object.defineProperty(HTMLElement.prototype, 'clientHeight', realHeight);
    if (realWidth) Object.defineProperty(HTMLElement.prototype, 'clientWidth', realWidth);
  });
}
