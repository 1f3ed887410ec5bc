// Placeholder until the echo_supervisord_conf face lands; replaced by its own issue's work.
export async function main(_args: string[]): Promise<number> {
  process.stderr.write("echo_supervisord_conf: not built yet\n");
  return 1;
}
