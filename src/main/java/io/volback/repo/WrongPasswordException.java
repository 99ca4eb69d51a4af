package io.volback.repo;

/** WrongPasswordException: no key file of the repository opens with the given password. */
public class WrongPasswordException extends RepositoryException {
  public WrongPasswordException(String location) {
    super("wrong password: no key in repository " + location + " opens with it");
  }
}
