import { defineConfig } from 'prisma/config';

// `prisma generate` needs no database; the URL only matters for `prisma migrate deploy`
// where Prisma's schema engine can be had (we apply the same SQL with packages/db's runner).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_ADMIN_URL ?? process.env.DATABASE_URL ?? 'postgresql://localhost/berth',
  },
});
