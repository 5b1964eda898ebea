-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'user',
    "disabledAt" TIMESTAMP(3),
    "passwordChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastActiveAt" TIMESTAMP(3) NOT NULL,
    "idleExpiresAt" TIMESTAMP(3) NOT NULL,
    "absoluteExpiresAt" TIMESTAMP(3) NOT NULL,
    "persistent" BOOLEAN NOT NULL DEFAULT false,
    "reauthenticatedAt" TIMESTAMP(3),
    "method" TEXT NOT NULL DEFAULT 'password',
    "label" TEXT,
    "userAgent" TEXT NOT NULL,
    "browserName" TEXT,
    "browserVersion" TEXT,
    "osName" TEXT,
    "osVersion" TEXT,
    "deviceType" TEXT NOT NULL DEFAULT 'other',
    "deviceVendor" TEXT,
    "deviceModel" TEXT,
    "uaBrowserFamily" TEXT,
    "uaOsFamily" TEXT,
    "signInIp" TEXT NOT NULL,
    "lastIp" TEXT NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,
    "endedById" TEXT,
    "endedByLabel" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SecurityEvent" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "actorId" TEXT,
    "targetUserId" TEXT,
    "sessionId" TEXT,
    "ip" TEXT,
    "device" TEXT,
    "details" TEXT,

    CONSTRAINT "SecurityEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "lastFailureAt" TIMESTAMP(3) NOT NULL,
    "blockedUntil" TIMESTAMP(3),

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");

-- CreateIndex
CREATE INDEX "User_createdAt_idx" ON "User"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_endedAt_lastActiveAt_idx" ON "Session"("userId", "endedAt", "lastActiveAt");

-- CreateIndex
CREATE INDEX "Session_endedAt_lastActiveAt_idx" ON "Session"("endedAt", "lastActiveAt");

-- CreateIndex
CREATE INDEX "Session_endedAt_userId_idleExpiresAt_absoluteExpiresAt_idx" ON "Session"("endedAt", "userId", "idleExpiresAt", "absoluteExpiresAt");

-- CreateIndex
CREATE INDEX "Session_endedAt_idleExpiresAt_absoluteExpiresAt_userId_devi_idx" ON "Session"("endedAt", "idleExpiresAt", "absoluteExpiresAt", "userId", "deviceType", "browserName", "osName", "lastIp", "createdAt", "lastActiveAt");

-- CreateIndex
CREATE INDEX "Session_createdAt_idx" ON "Session"("createdAt");

-- CreateIndex
CREATE INDEX "Session_idleExpiresAt_idx" ON "Session"("idleExpiresAt");

-- CreateIndex
CREATE INDEX "Session_absoluteExpiresAt_idx" ON "Session"("absoluteExpiresAt");

-- CreateIndex
CREATE INDEX "SecurityEvent_targetUserId_id_idx" ON "SecurityEvent"("targetUserId", "id");

-- CreateIndex
CREATE INDEX "SecurityEvent_actorId_id_idx" ON "SecurityEvent"("actorId", "id");

-- CreateIndex
CREATE INDEX "SecurityEvent_type_id_idx" ON "SecurityEvent"("type", "id");

-- CreateIndex
CREATE INDEX "SecurityEvent_createdAt_idx" ON "SecurityEvent"("createdAt");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
