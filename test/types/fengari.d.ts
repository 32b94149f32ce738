// fengari (a Lua VM in JavaScript, used by the Argo CD health-check tests) ships no types.
declare module 'fengari';
