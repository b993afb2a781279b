// GB/T 2260 tables: shape invariants, official counts, and lookups at every level.
import { expect } from 'chai';
import {
  citiesWithDistricts,
  cityCodesOf,
  districtCodes,
  districtCodesOf,
  historicalDistrictOf,
  isKnownCityCode,
  isKnownDistrictCode,
  isKnownProvincePrefix,
  lookupRegion,
  predecessorsOf,
  provinceCodes,
} from '../../../src/core/regions/index.js';
import { CITY_ROWS } from '../../../src/core/regions/cities.js';
import { DISTRICT_ROWS } from '../../../src/core/regions/districts.js';

describe('core/regions', () => {
  it('lists the 34 province-level units with the prefixes resident IDs use', () => {
    // The prefixes issue 3 names for the resident-ID validator.
    const want = [
      ...['11', '12', '13', '14', '15', '21', '22', '23'],
      ...['31', '32', '33', '34', '35', '36', '37'],
      ...['41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54'],
      ...['61', '62', '63', '64', '65', '71', '81', '82'],
    ];
    expect(provinceCodes).to.deep.equal(want);
    for (const code of want) expect(isKnownProvincePrefix(code), code).to.equal(true);
    for (const code of [
      '00',
      '10',
      '16',
      '20',
      '30',
      '38',
      '40',
      '47',
      '55',
      '60',
      '66',
      '70',
      '83',
      '9',
      '110',
    ])
      expect(isKnownProvincePrefix(code), code).to.equal(false);
  });

  it('matches the official count of 333 prefecture-level divisions (293 cities, 7 prefectures, 30 autonomous prefectures, 3 leagues)', () => {
    const counts: Record<string, number> = {};
    for (const row of CITY_ROWS) counts[row[3]] = (counts[row[3]] ?? 0) + 1;
    expect(counts.prefecture_city).to.equal(293);
    expect(counts.prefecture).to.equal(7);
    expect(counts.autonomous_prefecture).to.equal(30);
    expect(counts.league).to.equal(3);
  });

  it('keeps codes well formed, unique, ordered and nested under a known parent', () => {
    const cityCodes = CITY_ROWS.map((row) => row[0]);
    expect(new Set(cityCodes).size).to.equal(cityCodes.length);
    expect([...cityCodes].sort()).to.deep.equal(cityCodes);
    for (const code of cityCodes) {
      expect(code, code).to.match(/^\d{4}$/);
      expect(isKnownProvincePrefix(code.slice(0, 2)), code).to.equal(true);
    }
    const codes = DISTRICT_ROWS.map((row) => row[0]);
    expect(new Set(codes).size).to.equal(codes.length);
    for (const code of codes) {
      expect(code, code).to.match(/^\d{6}$/);
      expect(code.endsWith('00'), code).to.equal(false);
      expect(isKnownCityCode(code.slice(0, 4)), code).to.equal(true);
      expect(isKnownDistrictCode(code), code).to.equal(true);
    }
    expect(districtCodes).to.have.length(codes.length);
  });

  it('lists every mainland province with at least one city, and none for 71, 81, 82', () => {
    for (const code of provinceCodes) {
      const n = cityCodesOf(code).length;
      if (['71', '81', '82'].includes(code)) expect(n, code).to.equal(0);
      else expect(n, code).to.be.greaterThan(0);
    }
  });

  const cityCounts = [
    { province: '13', want: 11 },
    { province: '32', want: 13 },
    { province: '44', want: 21 },
    { province: '51', want: 21 },
    { province: '65', want: 15 },
  ];
  for (const { province, want } of cityCounts)
    it(`province ${province} has ${want} prefecture-level entries`, () => {
      expect(cityCodesOf(province)).to.have.length(want);
    });

  const districtCounts = [
    { city: '1101', want: 16 },
    { city: '1201', want: 16 },
    { city: '3101', want: 16 },
    { city: '4401', want: 11 },
    { city: '4403', want: 9 },
    { city: '5101', want: 20 },
  ];
  for (const { city, want } of districtCounts)
    it(`city ${city} has ${want} districts`, () => {
      expect(districtCodesOf(city)).to.have.length(want);
      expect(citiesWithDistricts).to.include(city);
    });

  const lookups = [
    {
      desc: 'a Tianjin district',
      input: '120104',
      want: { level: 'district', province: '天津市', city: '天津市', district: '南开区' },
    },
    {
      desc: 'a Shenzhen district',
      input: '440305',
      want: { level: 'district', province: '广东省', city: '深圳市', district: '南山区' },
    },
    {
      desc: 'a Chengdu county-level city',
      input: '510181',
      want: { level: 'district', province: '四川省', city: '成都市', district: '都江堰市' },
    },
    {
      desc: 'a city whose districts are not listed',
      input: '130203',
      want: { level: 'city', province: '河北省', city: '唐山市', district: undefined },
    },
    {
      desc: 'an abolished city (3414 Chaohu) falls back to its province',
      input: '341421',
      want: { level: 'province', province: '安徽省', city: undefined, district: undefined },
    },
    {
      desc: 'a four-digit code',
      input: '2224',
      want: { level: 'city', province: '吉林省', city: '延边朝鲜族自治州', district: undefined },
    },
    {
      desc: 'a province code with trailing zeros',
      input: '540000',
      want: { level: 'province', province: '西藏自治区', city: undefined, district: undefined },
    },
    {
      desc: 'a directly administered county-level city',
      input: '429004',
      want: {
        level: 'district',
        province: '湖北省',
        city: '湖北省直辖县级行政区划',
        district: '仙桃市',
      },
    },
    {
      desc: 'Hong Kong',
      input: '810000',
      want: { level: 'province', province: '香港特别行政区', city: undefined, district: undefined },
    },
  ];
  for (const { desc, input, want } of lookups)
    it(`lookupRegion: ${desc}`, () => {
      const got = lookupRegion(input);
      expect(got).to.not.equal(undefined);
      expect({
        level: got?.level,
        province: got?.province.zh,
        city: got?.city?.zh,
        district: got?.district?.zh,
      }).to.deep.equal(want);
    });

  it('resolves former Tianjin codes to their names, year of abolition and successor', () => {
    const got = lookupRegion('120107');
    expect(got?.level).to.equal('district');
    expect(got?.district?.zh).to.equal('塘沽区');
    expect(historicalDistrictOf('120107')).to.include({
      abolishedYear: 2009,
      successorCode: '120116',
    });
    expect(predecessorsOf('120116').map((e) => e.code)).to.deep.equal([
      '120107',
      '120108',
      '120109',
    ]);
    expect(predecessorsOf('120119').map((e) => e.zh)).to.deep.equal(['蓟县']);
    // 1202 (Tianjin's counties) is gone from the standard: the successor's city stands in.
    const county = lookupRegion('120225');
    expect([county?.level, county?.city?.zh, county?.district?.zh]).to.deep.equal([
      'district',
      '天津市',
      '蓟县',
    ]);
    expect(historicalDistrictOf('120116')).to.equal(undefined);
    expect(isKnownDistrictCode('120107')).to.equal(false);
    expect(districtCodesOf('1201')).to.not.include('120107');
  });

  for (const input of ['', '1', '123', '12345', '1234567', '990101', 'ab0101', '１２０１０４'])
    it(`lookupRegion refuses ${JSON.stringify(input)}`, () => {
      expect(lookupRegion(input)).to.equal(undefined);
    });

  it('keeps the standard name of municipal entries apart from the display name', () => {
    const got = lookupRegion('110108');
    expect(got?.city?.officialZh).to.equal('市辖区');
    expect(got?.city?.zh).to.equal('北京市');
    expect(got?.district?.en).to.equal('Haidian');
  });
});
