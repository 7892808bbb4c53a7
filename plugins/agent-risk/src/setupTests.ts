import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Whole entity tabs and pages render in these tests, with MUI menus driven by
// user-event: give slow or busy CI machines some room.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

// The CSV export hands a blob to the browser; jsdom has no object URLs.
if (!URL.createObjectURL) {
  URL.createObjectURL = () => 'blob:agent-risk-test';
  URL.revokeObjectURL = () => {};
}

// recharts' ResponsiveContainer measures its parent; jsdom has no layout.
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= NoopResizeObserver;
