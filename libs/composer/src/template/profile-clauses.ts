import { count, decimal, money, type FactReader } from './fact-reader.ts';
import type { Focus } from './focus.ts';

export function firstSentence(text: string): string {
  const match = /^(.{20,300}?[.!?])(\s|$)/s.exec(text.trim());
  return (match ? match[1] : text.trim().slice(0, 300)).replace(/\s+/g, ' ');
}

function profileListing(facts: FactReader, s: string, focus: Focus): string[] {
  const wanted = (key: string) => focus.has(`${s}_${key}`);
  const exchange = wanted('exchange') ? facts.text(`${s}_exchange`) : undefined;
  const employees = wanted('employees') ? facts.number(`${s}_employees`) ?? facts.text(`${s}_employees`) : undefined;
  const website = wanted('website') ? facts.text(`${s}_website`) : undefined;
  const ipo = wanted('ipo_date') ? facts.text(`${s}_ipo_date`) : undefined;
  const beta = wanted('beta') ? facts.number(`${s}_beta`) : undefined;
  const dividend = wanted('last_dividend') ? facts.number(`${s}_last_dividend`) : undefined;
  const country = wanted('country') ? facts.text(`${s}_country`) : undefined;
  const currency = wanted('currency') ? facts.text(`${s}_currency`) : undefined;
  const fund = wanted('is_etf') ? facts.flag(`${s}_is_etf`) : undefined;
  return [
    exchange && `is listed on ${exchange}`,
    employees !== undefined && `has ${typeof employees === 'number' ? count(employees) : employees} full-time employees`,
    website && `has the website ${website}`,
    ipo && `went public on ${ipo}`,
    beta !== undefined && `has a beta of ${decimal(beta)} (${beta > 1 ? 'more' : 'less'} volatile than the market)`,
    dividend !== undefined && (dividend > 0 ? `paid a last dividend of ${money(dividend)} per share` : 'pays no dividend (last dividend $0.00)'),
    fund !== undefined && (fund ? 'is an ETF (an exchange-traded fund), not an operating company' : 'is an operating company, not an ETF'),
    country && `is based in ${country}`,
    currency && `reports in ${currency}`,
  ].filter((part): part is string => typeof part === 'string');
}

/** What the company does, its sector and industry, CEO and listing facts — only those the plan asked for. */
export function profileClause(facts: FactReader, s: string, name: string, focus: Focus): string | undefined {
  const wanted = (key: string) => focus.has(`${s}_${key}`);
  const sector = wanted('sector') ? facts.text(`${s}_sector`) : undefined;
  const industry = wanted('industry') ? facts.text(`${s}_industry`) : undefined;
  const ceo = wanted('ceo') ? facts.text(`${s}_ceo`) : undefined;
  const description = wanted('description') ? facts.text(`${s}_description`) : undefined;
  const listing = profileListing(facts, s, focus);
  if (!sector && !industry && !ceo && !description && listing.length === 0) return undefined;
  const parts: string[] = [];
  if (description) parts.push(`${name}: ${firstSentence(description).replace(/[.!?]$/, '')}`);
  const where = [sector && `the ${sector} sector`, industry && `the ${industry} industry`].filter(Boolean).join(' and ');
  // Later parts refer back to the company as "it" once it has been named.
  const subject = () => (parts.length ? 'it' : name);
  if (where) parts.push(`${subject()} is in ${where}`);
  if (ceo) parts.push(parts.length ? `its CEO is ${ceo}` : `${name}'s CEO is ${ceo}`);
  if (listing.length) parts.push(`${subject()} ${listing.join(', ')}`);
  return parts.join('; ');
}
