import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import type { Config } from '../../config.ts';

/** Finds the address of the client behind a request, as far as the configured proxies can be believed. */
export type ClientAddressResolver = (c: Context) => string | undefined;

/**
 * The socket address, unless the peer is a trusted proxy: then `X-Forwarded-For` is read from the
 * right, skipping trusted proxies, and the first address not trusted is the client. Entries a client
 * wrote itself sit further left and are never reached, so the header cannot be used to pick a key.
 */
export function createClientAddressResolver(proxy: Config['proxy']): ClientAddressResolver {
  const trusted = new BlockList();
  for (const entry of proxy.trusted) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) trusted.addAddress(address, family);
    else trusted.addSubnet(address, Number(prefix), family);
  }
  const isTrusted = (address: string) => {
    const family = isIP(address);
    return family !== 0 && trusted.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };

  return (c) => {
    const socketAddress = normalize(socketAddressOf(c));
    if (!socketAddress) return undefined;
    if (!proxy.trustAll && !isTrusted(socketAddress)) return socketAddress;
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => normalize(entry.trim()))
      .filter((entry): entry is string => Boolean(entry) && isIP(entry!) !== 0);
    // trustAll believes exactly one proxy hop: the peer, which appended the address it saw last.
    if (proxy.trustAll && !proxy.trusted.length) return forwarded.at(-1) ?? socketAddress;
    for (let index = forwarded.length - 1; index >= 0; index -= 1) {
      if (!isTrusted(forwarded[index]!)) return forwarded[index];
    }
    return forwarded[0] ?? socketAddress;
  };
}

function socketAddressOf(c: Context): string | undefined {
  // @hono/node-server passes the Node request as `env.incoming`; in-process `app.request()` has none.
  const environment = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return environment?.incoming?.socket?.remoteAddress;
}

/** `::ffff:127.0.0.1` (an IPv4 client on a dual-stack socket) is the same client as `127.0.0.1`. */
function normalize(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}
