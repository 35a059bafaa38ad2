import { describe, expect, it } from 'vitest';
import { parseContactCsv } from '../../domain/contact-import';

describe('the contact register from a CSV file', () => {
  it('reads a semicolon file from Danish Excel: codes, several contacts per municipality, the director on any row', () => {
    const csv = [
      '\uFEFFKommunekode;Kommune;Navn;E-mail;Socialdirektør',
      '461;Odense;Anna Andersen;anna@odense.dk;direktor@odense.dk',
      '0461;Odense;"Bo ""Bobby"" Berg";bo@odense.dk;',
      '',
      '0410;Middelfart;Carl Carlsen;carl@middelfart.dk;direktor@middelfart.dk',
    ].join('\r\n');
    const { contacts, issues } = parseContactCsv(csv, '1083');
    expect(issues).toEqual([]);
    expect(contacts['0461']).toEqual({
      contacts: [
        { name: 'Anna Andersen', email: 'anna@odense.dk' },
        { name: 'Bo "Bobby" Berg', email: 'bo@odense.dk' },
      ],
      directorEmail: 'direktor@odense.dk',
    });
    expect(Object.keys(contacts)).toEqual(['0461', '0410']);
  });

  it('reads a comma file that names municipalities instead of codes, with English headers', () => {
    const { contacts, issues } = parseContactCsv(
      'Municipality,Name,Email,Director email\nAabenraa,Dorte Due,dorte@aabenraa.dk,dir@aabenraa.dk\n',
    );
    expect(issues).toEqual([]);
    expect(contacts['0580']?.contacts[0]?.name).toBe('Dorte Due');
  });

  it('reports every problem with its line and imports nothing', () => {
    const csv = [
      'Kommunekode;Navn;E-mail;Socialdirektør',
      '0461;Anna;ikke-en-adresse;dir@odense.dk',
      '9999;Bo;bo@x.dk;dir@x.dk',
      '0101;Carl;carl@kk.dk;dir@kk.dk',
      '0410;Dan;dan@m.dk;',
    ].join('\n');
    const { contacts, issues } = parseContactCsv(csv, '1083');
    const messages = issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Linje 3: ukendt kommunekode "9999"/),
        expect.stringMatching(/^Linje 4: København hører ikke til regionen/),
        expect.stringMatching(/^Linje 2: Odense: kontaktperson 1, e-mail/),
        expect.stringMatching(/^Linje 5: Middelfart: socialdirektørens e-mail/),
      ]),
    );
    expect(issues.every((i) => i.path === 'csv')).toBe(true);
    expect(Object.keys(contacts).length).toBeLessThan(2);
  });

  it('refuses a file without the columns it needs, and an empty one', () => {
    expect(parseContactCsv('Kommune;Telefon\nOdense;12345678').issues.map((i) => i.message)).toEqual([
      'Linje 1: mangler en kolonne "Navn"',
      'Linje 1: mangler en kolonne "E-mail"',
    ]);
    expect(parseContactCsv('\n\n').issues).toEqual([{ path: 'csv', message: 'Filen er tom' }]);
    expect(parseContactCsv('Kommunekode;Navn;E-mail\n').issues).toEqual([{ path: 'csv', message: 'Filen har ingen kontaktpersoner' }]);
  });

  it('refuses two different directors for one municipality', () => {
    const { issues } = parseContactCsv('Kommunekode;Navn;E-mail;Socialdirektør\n0461;A;a@o.dk;d1@o.dk\n0461;B;b@o.dk;d2@o.dk');
    expect(issues.map((i) => i.message)).toContain('Linje 3: Odense har to forskellige socialdirektører');
  });
});
