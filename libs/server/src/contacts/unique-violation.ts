/** Whether a query failed on the unique index `constraint` (PostgreSQL error 23505), as TypeORM or pg reports it. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: unknown } | null)?.driverError ?? error;
  const { code, constraint: name } = (driverError ?? {}) as { code?: string; constraint?: string };
  return code === '23505' && name === constraint;
}
