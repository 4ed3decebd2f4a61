// The demo members every sandbox starts with unless told otherwise: Malaysian names, phone numbers as RM takes them
// (country code 60 and the national number without its leading 0) and 19-digit member ids like RM's.
import type { SandboxMemberSeed } from './member-seeds.ts';

export const DEMO_MEMBERS: readonly SandboxMemberSeed[] = [
  {
    memberId: '6190354873541245312',
    countryCode: '60',
    phoneNumber: '172826990',
    name: 'Nurul Aisyah binti Ahmad',
    email: 'nurul.aisyah@example.com',
    points: 120,
  },
  {
    memberId: '6190354873541245329',
    countryCode: '60',
    phoneNumber: '176473298',
    name: 'Tan Wei Ming',
    email: 'weiming.tan@example.com',
    points: 0,
  },
  {
    memberId: '6190354873541245336',
    countryCode: '60',
    phoneNumber: '123456789',
    name: 'Muthu a/l Rajendran',
    email: 'muthu.rajendran@example.com',
    points: 45,
  },
  {
    memberId: '6190354873541245343',
    countryCode: '60',
    phoneNumber: '198765432',
    name: 'Siti Hajar binti Ismail',
    email: 'siti.hajar@example.com',
    points: 300,
  },
  {
    memberId: '6190354873541245350',
    countryCode: '60',
    phoneNumber: '162233445',
    name: 'Lim Mei Ling',
    email: 'meiling.lim@example.com',
    points: 8,
  },
];
