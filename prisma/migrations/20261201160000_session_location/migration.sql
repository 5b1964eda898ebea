-- AlterTable
ALTER TABLE "Session" ADD COLUMN "lastLocation" TEXT;
ALTER TABLE "Session" ADD COLUMN "signInLocation" TEXT;
