import { InvalidArgumentError } from 'commander';

/** Commander parser for a non-negative integer option. */
export function parseCount(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new InvalidArgumentError(`expected a whole number ≥ 0, got "${value}"`);
  return number;
}

/** Commander parser for a positive integer option. */
export function parsePositive(value: string): number {
  const number = parseCount(value);
  if (number === 0) throw new InvalidArgumentError(`expected a whole number ≥ 1, got "${value}"`);
  return number;
}

/** Reads an optional integer from an environment variable, naming the variable when it is not one. */
export function countFromEnvironment(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  try {
    return parseCount(value.trim());
  } catch {
    throw new InvalidArgumentError(`environment variable ${name}: expected a whole number ≥ 0, got "${value}"`);
  }
}
