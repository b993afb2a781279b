// Synthetic replacement of free-text identifiers with seeded faker values (zh_CN or en).
import { Faker, base, en, zh_CN } from '@faker-js/faker';
import type { SyntheticGenerator, SyntheticLocale } from '../policy.js';

/**
 * A seeded generator of fake values of one kind. The values are drawn independently of the
 * input, so they carry no information about the person they replace.
 */
export function createSyntheticGenerator(
  generator: SyntheticGenerator,
  locale: SyntheticLocale,
  seed: number,
): () => string {
  const faker = new Faker({ locale: locale === 'zh_CN' ? [zh_CN, en, base] : [en, base] });
  faker.seed(seed);
  switch (generator) {
    case 'name':
      return () => faker.person.fullName();
    case 'address':
      return () => `${faker.location.city()}${faker.location.streetAddress(false)}`;
    case 'phone':
      return () => faker.phone.number();
    case 'email':
      return () => faker.internet.email().toLowerCase();
    case 'company':
      return () => faker.company.name();
    case 'text':
      return () => faker.lorem.words(4);
  }
}

/** Detector kinds a synthetic column is expected to trip, and so is exempt from at the gate. */
export const SYNTHETIC_EXEMPT_KINDS: Readonly<Record<SyntheticGenerator, readonly string[]>> = {
  name: ['cn_name'],
  address: ['cn_address'],
  phone: ['cn_mobile', 'cn_landline'],
  email: ['email'],
  company: [],
  text: [],
};
