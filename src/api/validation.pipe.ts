import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

function firstMessage(errors: ValidationError[], parent = ''): string {
  const [error] = errors;
  const path = parent ? `${parent}.${error.property}` : error.property;
  if (error.constraints) {
    const [constraint] = Object.values(error.constraints);
    // class-validator messages start with the property name already.
    return constraint.startsWith(`${error.property} `)
      ? `${path}${constraint.slice(error.property.length)}`
      : `${path}: ${constraint}`;
  }
  return firstMessage(error.children ?? [], path);
}

/** 400 whose message names the offending field; unknown fields are refused, not ignored. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => new BadRequestException(firstMessage(errors)),
  });
}
