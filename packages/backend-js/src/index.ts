export { jsBackend } from './factory.ts';
