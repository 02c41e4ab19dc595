import { lazy } from '../../src/app/services';

describe('lazy', () => {
  it('fetches a service on first use only, once', () => {
    const get = jest.fn(() => ({ service: true }));
    const service = lazy(get);
    expect(get).not.toHaveBeenCalled();
    const first = service();
    expect(service()).toBe(first);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('remembers a service that is null or undefined too', () => {
    const get = jest.fn(() => null);
    const service = lazy(get);
    service();
    service();
    expect(get).toHaveBeenCalledTimes(1);
  });
});
