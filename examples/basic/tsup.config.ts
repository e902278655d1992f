export { default } from '../../tsup.config.runnable.js';
