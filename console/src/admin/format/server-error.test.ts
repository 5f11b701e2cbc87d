import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http';
import { changeRefusal } from './server-error';

describe('refused changes in words', () => {
  it('explains the codes keygate uses', () => {
    expect(changeRefusal(new ApiError(409, 'key_from_config', 'x'))).toMatch(/config file/);
    expect(changeRefusal(new ApiError(0, 'network', 'x'))).toMatch(/could not be reached/);
    expect(changeRefusal(new ApiError(400, 'invalid_request_error', 'Team: unknown team'))).toBe(
      'keygate refused it: team: unknown team.',
    );
    expect(changeRefusal(new ApiError(500, '', 'boom'))).toBe(
      'keygate could not make the change (500): boom',
    );
  });
});
