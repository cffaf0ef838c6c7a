/** Whether only this machine can reach an address: the one place that rule is written. */
export function isLoopbackHost(host: string): boolean {
  return /^(127\.\d+\.\d+\.\d+|localhost|::1|\[::1\])$/.test(host);
}
