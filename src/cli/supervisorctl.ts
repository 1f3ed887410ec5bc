// Placeholder until the supervisorctl face lands; replaced by its own issue's work.
export async function main(_args: string[]): Promise<number> {
  process.stderr.write("supervisorctl: not built yet\n");
  return 1;
}
