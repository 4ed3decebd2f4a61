// Code passed to page.evaluate runs in the page, where the host has installed window.kaunter.
import type { KaunterApi } from '../../app/contract.ts';

declare global {
  interface Window {
    kaunter: KaunterApi;
  }
}
