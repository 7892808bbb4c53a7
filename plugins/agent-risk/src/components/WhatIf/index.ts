export { WhatIfPanel } from './WhatIfPanel';
export { useSavedEntity } from './useSavedEntity';
