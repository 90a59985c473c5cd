// node-server skips writing a response whose headers carry its "already sent" marker, but only
// when that Response is a standard one: node-server replaces the global Response once it
// starts serving, and a marker built after that takes a path that writes headers again. So this
// module must be evaluated before the server listens — core/gateway/mount.ts imports it
// statically for that reason, and the lazily loaded engine takes it from here.
export { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
