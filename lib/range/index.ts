export * from './types';
export * from './read';
export * from './trials';
export * from './run';
export * from './results';
export * from './guide';
