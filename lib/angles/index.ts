export * from './units';
export * from './geometry';
export * from './refusals';
export * from './posture';
export * from './snapshot';
export * from './norms';
export { median, robustSpread, standardDeviation } from './stats';
export * from './quality';
export * from './format';
