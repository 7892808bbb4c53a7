export { ReachCard } from './ReachCard';
export { ReachedByCard } from './EntityReachedByCard';
export { ExposureCard } from './ExposureCard';
