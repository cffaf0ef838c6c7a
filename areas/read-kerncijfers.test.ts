import { describe, expect, it } from 'vitest';
import { readKerncijfers } from './read-kerncijfers.ts';

describe('readKerncijfers', () => {
  it('reads a semicolon export with BOM, CRLF, quoted fields, decimal commas and CBS variable codes', () => {
    const csv =
      '\uFEFFgwb_code_10;regio;gm_naam;recs;a_inw;a_00_14;a_15_24;a_25_44;a_45_64;a_65_oo;g_hhgro\r\n' +
      'GM0001;Ergens;Ergens;Gemeente;3000;1;1;1;1;1;2,1\r\n' +
      'WK000101;"Oost; ""de Hoek""";Ergens;Wijk;1000;150;100;300;250;195;2,3\r\n' +
      'WK000102;"Noord\nen Zuid";Ergens;Wijk;25;.;.;.;.;.;.\r\n' +
      'BU00010101;Buurt;Ergens;Buurt;500;1;1;1;1;1;2\r\n';
    const rows = readKerncijfers(csv, 'kwb.csv');
    expect([...rows.keys()]).toEqual(['WK000101', 'WK000102']);
    expect(rows.get('WK000101')).toEqual({
      code: 'WK000101',
      name: 'Oost; "de Hoek"',
      gemeenteCode: 'GM0001',
      gemeenteName: 'Ergens',
      residents: 1000,
      residentsByBand: { '0-14': 150, '15-24': 100, '25-44': 300, '45-64': 250, '65+': 195 },
    });
    expect(rows.get('WK000102')).toMatchObject({ name: 'Noord\nen Zuid', residents: 25, residentsByBand: null });
  });

  it('converts rounded percentages into whole counts that add up to the residents', () => {
    const csv =
      'wijkcode,inwoners,pct_0_15,pct_15_25,pct_25_45,pct_45_65,pct_65plus\n' +
      'WK000101,1000,33,33,33,0,0\n' +
      'WK000102,2000,10,10,30,30,22\n' +
      'WK000103,40,,,,,\n' +
      'WK000104,,10,10,30,30,20\n';
    const rows = readKerncijfers(csv, 'kwb.csv');
    expect(rows.get('WK000101')?.residentsByBand).toEqual({ '0-14': 334, '15-24': 333, '25-44': 333, '45-64': 0, '65+': 0 });
    // The percentages sum to 102, so each is taken as a share of 102.
    const second = rows.get('WK000102')!.residentsByBand!;
    expect(Object.values(second).reduce((s, n) => s + n, 0)).toBe(2000);
    const pct = { '0-14': 10, '15-24': 10, '25-44': 30, '45-64': 30, '65+': 22 } as const;
    for (const [band, count] of Object.entries(second)) {
      expect(Math.abs(count - (2000 * pct[band as keyof typeof pct]) / 102)).toBeLessThan(1);
    }
    expect(rows.get('WK000103')).toMatchObject({ residents: 40, residentsByBand: null });
    expect(rows.get('WK000104')).toMatchObject({ residents: null, residentsByBand: null });
  });

  it('reads StatLine column names with their yearly numeric suffix and space-padded codes', () => {
    const csv =
      'WijkenEnBuurten,Gemeentenaam_1,Codering_3,AantalInwoners_5,k_0Tot15Jaar_8,k_15Tot25Jaar_9,k_25Tot45Jaar_10,k_45Tot65Jaar_11,k_65JaarOfOuder_12\n' +
      'WK000101  ,Ergens,WK000101  ,500,100,50,150,100,100\n';
    expect(readKerncijfers(csv, 'x.csv').get('WK000101')).toMatchObject({
      gemeenteName: 'Ergens',
      residents: 500,
      residentsByBand: { '0-14': 100, '65+': 100 },
    });
  });

  it('gives one-line errors with the file and line', () => {
    const header = 'wijkcode,inwoners\n';
    expect(() => readKerncijfers(`${header}WK000101,29.710\n`, '/data/kwb.csv')).toThrow(
      /^kwb\.csv: line 2, column inwoners: residents must be a whole number/,
    );
    expect(() => readKerncijfers(`${header}WK000101,veel\n`, 'kwb.csv')).toThrow(
      /^kwb\.csv: line 2, column inwoners: 'veel' is not a number$/,
    );
    expect(() => readKerncijfers(`${header}WK000101,1\nWK000101,2\n`, 'kwb.csv')).toThrow(/appears twice \(lines 2 and 3\)/);
    expect(() => readKerncijfers(`${header}GM0001,1\n`, 'kwb.csv')).toThrow(/no wijk rows/);
    expect(() => readKerncijfers('wijkcode,mannen\nWK000101,1\n', 'kwb.csv')).toThrow(/no residents column/);
  });
});
