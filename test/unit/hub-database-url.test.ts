// The hub's database URL is said in messages and logs with every password in it hidden: pg reads one from the
// user-info part and from the query string.
import { describe, expect, it } from 'vitest';
import { describeUrl } from '../../hub/db/pool.ts';

describe('the database URL in messages', () => {
  it('hides the password wherever pg would read one, and keeps the rest', () => {
    expect(describeUrl('postgres://kaunter:s3cret@db.example.com:5432/hub')).toBe('postgres://kaunter:***@db.example.com:5432/hub');
    const query = describeUrl('postgres://kaunter@db.example.com/hub?password=s3cret&sslmode=verify-full&sslpassword=k3y');
    expect(query).toBe('postgres://kaunter@db.example.com/hub');
    // An unencoded & in a query-string password leaves its tail as a parameter of its own.
    expect(describeUrl('postgres://kaunter@db/hub?password=ab&cd&sslmode=require')).toBe('postgres://kaunter@db/hub');
    expect(describeUrl('postgres:///hub')).toBe('postgres:///hub');
    expect(describeUrl('postgres://kaunter@localhost/hub')).toBe('postgres://kaunter@localhost/hub');
  });

  it('says a URL it cannot parse, or one that is not PostgreSQL\'s, without repeating it', () => {
    expect(describeUrl('postgres://kaunter:s3cret@db:port/hub')).toBe('the database URL (not a valid URL: if its password has #, ? or / in it, write them as %23, %3F and %2F)');
    expect(describeUrl('//kaunter:s3cret@')).toBe('the database URL (not shown: it does not start with postgres://)');
    // No "//": "postgres:" is the scheme and the rest a path, password and all.
    expect(describeUrl('postgres:kaunter:s3cret')).toBe('the database URL (not shown: it does not start with postgres://)');
    // "kaunter:" parses as a scheme, so the password after it is in the URL's path.
    expect(describeUrl('kaunter:s3cret@db.example.com/hub')).toBe('the database URL (not shown: it does not start with postgres://)');
    expect(describeUrl('postgresql://kaunter:s3cret@db/hub')).toBe('postgresql://kaunter:***@db/hub');
  });

  it('shows nothing of a URL whose password has an unencoded #, ? or / in it, and says how to write one', () => {
    // Each parses, with the user as the host, digits as the port, and the password's rest after them.
    for (const url of ['postgres://kaunter:2024#shop@db/hub', 'postgres://kaunter:2024/shop@db/hub', 'postgres://kaunter:2024?shop@db/hub']) {
      const said = describeUrl(url);
      expect(said, url).toBe('the database URL (not shown: it has an @ after its host; if its password has #, ? or / in it, write them as %23, %3F and %2F)');
    }
    expect(describeUrl('postgres://kaunter:2024%23shop@db/hub')).toBe('postgres://kaunter:***@db/hub');
    expect(describeUrl('postgres://kaunter@db/hub#a-note')).toBe('postgres://kaunter@db/hub');
  });
});
